"""The wizard's own texts in Azerbaijani and English.

Labels of vocabulary values (statuses, grounds, verdicts, data categories), rule texts
and clause texts are reference data (xborder/reference/data); this module holds only
the interface's words. Every key has both languages; a test checks it.
"""

from __future__ import annotations

LANGS = ("az", "en")

# key: (en, az)
STRINGS: dict[str, tuple[str, str]] = {
    # -- app and keys --------------------------------------------------------------
    "app.title": ("xborder: cross-border transfers", "xborder: transsərhəd ötürmələr"),
    "key.new": ("New", "Yeni"),
    "key.open": ("Open", "Aç"),
    "key.duplicate": ("Copy", "Surət"),
    "key.delete": ("Delete", "Sil"),
    "key.report": ("PDF", "PDF"),
    "key.lang_other": ("AZ", "EN"),
    "key.help": ("Help", "Kömək"),
    "key.quit": ("Quit", "Çıxış"),
    "key.lang": ("Language", "Dil"),
    "key.search": ("Search", "Axtar"),
    "key.filter": ("Filter", "Süzgəc"),
    "key.sort": ("Sort", "Sırala"),
    "key.save": ("Save", "Saxla"),
    "key.back": ("Back", "Geri"),
    "key.next": ("Next step", "Növbəti"),
    "key.prev": ("Previous step", "Əvvəlki addım"),
    "key.close": ("Close", "Bağla"),
    "key.reload": ("Reload", "Yenilə"),
    "key.add_transfer": ("Add a transfer", "Ötürmə əlavə et"),
    "key.duplicate_transfer": ("Duplicate the transfer", "Ötürmənin surəti"),
    "key.remove_transfer": ("Remove the transfer", "Ötürməni sil"),
    "key.help_panel": ("Clause text", "Bəndin mətni"),
    "key.palette": ("Commands", "Əmrlər"),
    "key.theme": ("Theme", "Görünüş"),
    "key.screenshot": ("Screenshot", "Ekran şəkli"),
    "key.maximize": ("Maximize", "Genişləndir"),
    "key.minimize": ("Minimize", "Kiçilt"),
    "key.dismiss_menu": ("Close the list", "Siyahını bağla"),
    "palette.search": ("Search for commands…", "Əmr axtarın…"),
    "cmd.quit": ("Leave xborder (asks about unsaved changes)", "xborder-dən çıx (saxlanmamış dəyişikliklər barədə soruşur)"),
    "cmd.theme": ("Change the colours of the interface", "İnterfeysin rənglərini dəyiş"),
    "cmd.screenshot": ("Save an SVG picture of the screen", "Ekranın SVG şəklini saxla"),
    "cmd.maximize": ("Show the focused part on the whole screen", "Fokusdakı hissəni bütün ekranda göstər"),
    "cmd.minimize": ("Restore the normal layout", "Adi görünüşə qayıt"),
    "cmd.new": ("Create a new assessment", "Yeni qiymətləndirmə yarat"),
    "cmd.open": ("Open the selected assessment", "Seçilmiş qiymətləndirməni aç"),
    "cmd.duplicate": ("Duplicate the selected assessment as a new draft", "Seçilmiş qiymətləndirmənin surətini çıxar"),
    "cmd.delete": ("Delete the selected assessment", "Seçilmiş qiymətləndirməni sil"),
    "cmd.report": ("Generate the PDF report of the selected assessment", "Seçilmiş qiymətləndirmənin PDF hesabatını yarat"),
    "cmd.lang": ("Switch the interface language (Azərbaycanca / English)", "İnterfeys dilini dəyiş (Azərbaycanca / English)"),
    "cmd.help": ("Show the keys and how the wizard works", "Düymələri və sehrbazın iş qaydasını göstər"),
    "cmd.search": ("Search the assessments (title, id, country in az/en/ru)", "Qiymətləndirmələrdə axtar (ad, id, ölkə az/en/ru)"),
    "cmd.sort": ("Sort by the next column (or click a column's title)", "Növbəti sütuna görə sırala (və ya sütunun başlığına klikləyin)"),
    "cmd.reload": ("Reload the assessments from disk", "Qiymətləndirmələri diskdən yenidən oxu"),
    "cmd.save": ("Save the assessment", "Qiymətləndirməni yadda saxla"),
    "cmd.add_transfer": ("A new destination: country and recipient (a in the list of transfers)", "Yeni təyinat: ölkə və alan tərəf (ötürmələr siyahısında a)"),
    "cmd.duplicate_transfer": ("Copy the selected transfer (Ctrl+D in the list of transfers)", "Seçilmiş ötürmənin surətini çıxar (ötürmələr siyahısında Ctrl+D)"),
    "cmd.remove_transfer": ("Remove the selected transfer, after asking (Ctrl+X in the list of transfers)", "Seçilmiş ötürməni sil, soruşduqdan sonra (ötürmələr siyahısında Ctrl+X)"),
    "cmd.help_panel": ("Show or hide the text of the clauses behind this step (F3)", "Bu addımın əsaslandığı bəndlərin mətnini göstər və ya gizlət (F3)"),
    "cmd.step": ("Go to step: {step}", "Addıma keç: {step}"),
    # -- home ----------------------------------------------------------------------
    "home.title": ("Assessments", "Qiymətləndirmələr"),
    "home.col.id": ("ID", "ID"),
    "home.col.title": ("Title", "Adı"),
    "home.col.status": ("Status", "Status"),
    "home.col.verdict": ("Verdict", "Nəticə"),
    "home.col.transfers": ("Transfers", "Ötürmə"),
    "home.col.countries": ("Countries", "Ölkələr"),
    "home.col.review": ("Next review", "Növbəti baxış"),
    "home.col.review.short": ("Review", "Baxış"),
    "home.search": ("Search: title, id, country…  (/)", "Axtarış: ad, id, ölkə…  (/)"),
    "home.search.short": ("Search…  (/)", "Axtarış…  (/)"),
    "home.filter.verdict": ("All verdicts", "Bütün nəticələr"),
    "home.filter.status": ("All statuses", "Bütün statuslar"),
    "home.filter.country": ("All countries", "Bütün ölkələr"),
    "home.as_of": ("verdicts as of {date}", "nəticələr {date} tarixinə"),
    "home.loading": ("Loading {n} assessments…", "{n} qiymətləndirmə yüklənir…"),
    "home.count": ("{shown} of {total} assessments", "{total} qiymətləndirmədən {shown}"),
    "home.invalid": ("{n} file(s) could not be loaded", "{n} fayl yüklənə bilmədi"),
    "home.changed": ("changed since approval", "təsdiqdən sonra dəyişib"),
    "home.badges": ("Deadlines: {overdue} overdue, {due} due soon", "Müddətlər: {overdue} keçib, {due} yaxınlaşır"),
    "home.empty.title": ("Welcome to xborder", "xborder-ə xoş gəlmisiniz"),
    "home.empty.body": (
        "This workspace has no assessments yet.\n\n"
        "An assessment records the planned cross-border transfers of one processing of personal data: what is "
        "sent, to whom, to which country, and on which ground. The wizard checks it against "
        "the rules (adequacy, written consent or contract, clause 12.1 notification) as you type.\n\n"
        "Press  n  to create your first assessment.  F1 shows every key; Ctrl+P opens the command palette.",
        "Bu iş sahəsində hələ qiymətləndirmə yoxdur.\n\n"
        "Qiymətləndirmə fərdi məlumatların bir emalı üzrə planlaşdırılan transsərhəd ötürmələri qeyd edir: "
        "nə göndərilir, kimə, hansı ölkəyə və hansı əsasla. Sehrbaz siz yazdıqca onu qaydalara "
        "(adekvatlıq, yazılı razılıq və ya müqavilə, 12.1-ci bənd üzrə bildiriş) uyğun yoxlayır.\n\n"
        "İlk qiymətləndirməni yaratmaq üçün  n  düyməsini basın.  F1 bütün düymələri göstərir; Ctrl+P əmrlər panelini açır.",
    ),
    "home.none_selected": ("Select an assessment first.", "Əvvəlcə qiymətləndirməni seçin."),
    "home.invalid_open": (
        "This file could not be loaded; fix it in a text editor. The wizard never overwrites it.",
        "Bu fayl yüklənə bilmədi; onu mətn redaktorunda düzəldin. Sehrbaz onun üzərinə yazmır.",
    ),
    "home.deleted": ("Deleted {file}", "{file} silindi"),
    "home.duplicated": ("Created {id} as a copy", "{id} surət kimi yaradıldı"),
    "home.confirm_delete": (
        "Delete the assessment “{title}” ({file})?\n\nThe file is removed from the workspace; if the workspace is in git, the last committed version stays in its history.",
        "“{title}” qiymətləndirməsi ({file}) silinsin?\n\nFayl iş sahəsindən silinir; iş sahəsi git-dədirsə, son commit edilmiş versiya tarixçədə qalır.",
    ),
    # -- file errors ---------------------------------------------------------------
    "errors.title": ("{file} could not be loaded", "{file} yüklənə bilmədi"),
    "errors.hint": (
        "Fix these lines in a text editor (e opens it here), then reload the file with r. The wizard does not open or overwrite a file it cannot read.",
        "Bu sətirləri mətn redaktorunda düzəldin (e onu burada açır), sonra faylı r ilə yenidən oxuyun. Sehrbaz oxuya bilmədiyi faylı açmır və onun üzərinə yazmır.",
    ),
    "errors.edit": ("Edit (e)", "Redaktə et (e)"),
    "errors.reload": ("Reload (r)", "Yenidən oxu (r)"),
    "errors.no_editor": ("Set $EDITOR (or $VISUAL) to open files from here.", "Faylları buradan açmaq üçün $EDITOR (və ya $VISUAL) təyin edin."),
    # -- drafts --------------------------------------------------------------------
    "draft.title": ("Unsaved work found", "Yadda saxlanmamış iş tapıldı"),
    "draft.body": (
        "The wizard was closed before “{title}” was saved ({target}; autosaved {saved}). Recover it?",
        "Sehrbaz “{title}” yadda saxlanmadan bağlanıb ({target}; avtomatik saxlanıb: {saved}). Bərpa edilsin?",
    ),
    "draft.new_file": ("a new assessment", "yeni qiymətləndirmə"),
    "draft.untitled": ("untitled", "adsız"),
    "draft.recover": ("Recover", "Bərpa et"),
    "draft.discard": ("Discard", "İmtina et"),
    "draft.later": ("Later", "Sonra"),
    "draft.saved": ("Draft autosaved", "Qaralama avtomatik saxlanıldı"),
    "draft.unreadable": ("A draft could not be read: {error}", "Qaralama oxuna bilmədi: {error}"),
    # -- wizard --------------------------------------------------------------------
    "wizard.new": ("New assessment", "Yeni qiymətləndirmə"),
    "wizard.steps": ("Steps", "Addımlar"),
    "step.general": ("General", "Ümumi"),
    "step.processing": ("Processing", "Emal"),
    "step.destinations": ("Destinations", "Təyinatlar"),
    "step.review": ("Review", "Yoxlama"),
    "step.save": ("Save", "Saxlama"),
    "step.general.intro": (
        "What this assessment is about, and who sends the data.",
        "Bu qiymətləndirmənin mövzusu və məlumatları kimin göndərdiyi.",
    ),
    "step.processing.intro": (
        "What is processed, about whom and why. Tick the data categories; the destinations can only send these.",
        "Nə, kimin haqqında və nə məqsədlə emal olunur. Məlumat kateqoriyalarını işarələyin; təyinatlara yalnız bunlar göndərilə bilər.",
    ),
    "step.destinations.intro": (
        "One transfer per recipient and country. In the list: a adds, Ctrl+D duplicates, Ctrl+X removes.",
        "Hər alan tərəf və ölkə üçün bir ötürmə. Siyahıda: a əlavə edir, Ctrl+D surətini çıxarır, Ctrl+X silir.",
    ),
    "step.review.intro": (
        "Every problem and finding, by transfer. Select one (Enter or click) to go to the field that fixes it.",
        "Bütün problemlər və nəticələr, ötürmələr üzrə. Düzəldən sahəyə keçmək üçün birini seçin (Enter və ya klik).",
    ),
    "step.save.intro": (
        "Save writes the assessment file (canonical TOML) into the workspace.",
        "Yadda saxlama qiymətləndirmə faylını (kanonik TOML) iş sahəsinə yazır.",
    ),
    "wizard.required": ("* required", "* məcburi"),
    "wizard.help": ("Clause text", "Bəndin mətni"),
    "wizard.verdict": ("Verdict", "Nəticə"),
    "wizard.no_verdict": ("no verdict yet", "hələ nəticə yoxdur"),
    "wizard.problems": ("{n} to fix", "{n} düzəliş"),
    "wizard.ok": ("no problems", "problem yoxdur"),
    "wizard.unsaved": ("unsaved", "saxlanmayıb"),
    "wizard.saved": (
        "Saved {file}. Its PDF report: Save step, or p in the list.",
        "{file} yadda saxlanıldı. PDF hesabatı: Saxlama addımı və ya siyahıda p.",
    ),
    "wizard.cannot_save": (
        "Cannot save yet: {n} field(s) need fixing (see Review).",
        "Hələ saxlamaq olmur: {n} sahə düzəldilməlidir (Yoxlama addımına baxın).",
    ),
    "wizard.confirm_quit": (
        "“{title}” has unsaved changes. Save them before closing?",
        "“{title}” üzrə yadda saxlanmamış dəyişikliklər var. Bağlamazdan əvvəl saxlanılsın?",
    ),
    "wizard.conflict": (
        "{file} changed on disk since you opened it (for example by a git pull). Saving now would overwrite those changes.",
        "{file} siz açandan sonra diskdə dəyişib (məsələn, git pull ilə). İndi saxlamaq həmin dəyişikliklərin üzərinə yazar.",
    ),
    "wizard.conflict_reload": ("Reload from disk (lose my edits)", "Diskdən yenidən oxu (düzəlişlərim itsin)"),
    "wizard.conflict_overwrite": ("Overwrite", "Üzərinə yaz"),
    "wizard.reloaded_invalid": ("The file on disk no longer loads: {error}", "Diskdəki fayl artıq yüklənmir: {error}"),
    "wizard.id_locked": ("The id is the file name; it cannot change once saved.", "ID faylın adıdır; saxlandıqdan sonra dəyişmir."),
    "wizard.id_hint": ("Proposed from the title; a-z, 0-9 and '-'.", "Addan təklif olunur; a-z, 0-9 və '-'."),
    "wizard.date_hint": ("YYYY-MM-DD, or: today, +30, +6m, +1y", "İİİİ-AA-GG və ya: today, +30, +6m, +1y"),
    "wizard.lines_hint": ("One per line.", "Hər sətirdə bir."),
    "wizard.save_write": ("Save", "Yadda saxla"),
    "wizard.save_and_report": ("Save and generate the PDF report", "Saxla və PDF hesabatı yarat"),
    "wizard.report_now": ("Generate the PDF report", "PDF hesabatı yarat"),
    "wizard.save_file": ("File: {file}", "Fayl: {file}"),
    "wizard.save_ready": ("Ready to save. Verdict: {verdict}.", "Saxlamağa hazırdır. Nəticə: {verdict}."),
    "wizard.save_blocked": ("{n} field(s) must be fixed before saving.", "Saxlamazdan əvvəl {n} sahə düzəldilməlidir."),
    "wizard.save_note": (
        "Comments in a hand-edited file are not kept on save; use the notes fields.",
        "Əllə redaktə edilmiş fayldakı şərhlər saxlanmır; qeyd sahələrindən istifadə edin.",
    ),
    "wizard.report_hint": (
        "After saving, the PDF report can be attached to the notification (clause 12.1).",
        "Saxladıqdan sonra PDF hesabatı bildirişə (12.1-ci bənd) əlavə edilə bilər.",
    ),
    "wizard.section.operator": ("Operator (the controller sending the data)", "Operator (məlumatları göndərən nəzarətçi)"),
    "wizard.section.recipient": ("Recipient (clause 2.13)", "Alan tərəf (2.13-cü bənd)"),
    "wizard.section.ground": ("Ground of the transfer (clauses 7.1–7.2)", "Ötürmənin əsası (7.1–7.2-ci bəndlər)"),
    "wizard.section.info": ("Information from the recipient (clause 12.2)", "Alan tərəfdən məlumat (12.2-ci bənd)"),
    "wizard.section.notice": ("Notification of the authority (clause 12.1)", "Səlahiyyətli orqana bildiriş (12.1-ci bənd)"),
    "wizard.section.security": ("National security", "Milli təhlükəsizlik"),
    "wizard.section.override": ("Adequacy decided for this transfer (optional)", "Bu ötürmə üçün adekvatlıq qərarı (könüllü)"),
    "wizard.no_transfers": (
        "No transfers yet. Press  a  or click Add to record the first destination.",
        "Hələ ötürmə yoxdur. İlk təyinatı qeyd etmək üçün  a  düyməsini basın və ya «Əlavə et» üzərinə klikləyin.",
    ),
    "wizard.transfers": ("Transfers", "Ötürmələr"),
    "wizard.add": ("Add", "Əlavə et"),
    "wizard.dup": ("Duplicate", "Surət"),
    "wizard.remove": ("Remove", "Sil"),
    "wizard.confirm_remove": ("Remove the transfer “{id}”?", "“{id}” ötürməsi silinsin?"),
    "wizard.adequacy.yes": ("Adequate protection: yes", "Adekvat müdafiə: var"),
    "wizard.adequacy.no": ("Adequate protection: no (written consent or a contract with the subject is needed)", "Adekvat müdafiə: yoxdur (yazılı razılıq və ya subyektlə müqavilə lazımdır)"),
    "wizard.adequacy.none": ("Choose the country to see its adequacy.", "Adekvatlığı görmək üçün ölkəni seçin."),
    "wizard.adequacy.source": ("Source: {source}", "Mənbə: {source}"),
    "wizard.country_hint": ("Type a name (az/en/ru) or ISO code; ↓ or Enter to pick.", "Adı (az/en/ru) və ya ISO kodu yazın; seçmək üçün ↓ və ya Enter."),
    "wizard.country_placeholder": ("e.g. Türkiye, Germany, US", "məs. Türkiyə, Almaniya, US"),
    "wizard.country_unknown": ("Unknown country: pick one from the list", "Naməlum ölkə: siyahıdan seçin"),
    "wizard.data_default": (
        "Untick what this recipient does not receive (by default: all the data of the Processing step).",
        "Bu alana göndərilməyənlərin işarəsini götürün (susmaya görə: Emal addımındakı bütün məlumatlar).",
    ),
    "wizard.review.form": ("Fields to fix", "Düzəldilməli sahələr"),
    "wizard.review.general": ("Assessment", "Qiymətləndirmə"),
    "wizard.review.transfer": ("Transfer {id} → {country}", "Ötürmə {id} → {country}"),
    "wizard.review.none": ("Nothing to report.", "Qeyd ediləcək bir şey yoxdur."),
    "wizard.review.invalid": (
        "The verdict appears once the fields below are fixed.",
        "Aşağıdakı sahələr düzəldildikdən sonra nəticə görünəcək.",
    ),
    "tristate.unset": ("— not yet known —", "— hələ məlum deyil —"),
    "tristate.yes": ("Yes", "Bəli"),
    "tristate.no": ("No", "Xeyr"),
    "select.none": ("— not chosen —", "— seçilməyib —"),
    "error.required": ("Required", "Məcburidir"),
    "error.id_taken": ("The id “{id}” is already used by another file", "“{id}” ID-si artıq başqa faylda istifadə olunur"),
    "error.id_invalid": ("Use a-z, 0-9 and '-' only (at most 64 characters)", "Yalnız a-z, 0-9 və '-' (ən çoxu 64 simvol)"),
    "error.transfer_id_twice": ("Another transfer of this assessment has this id", "Bu qiymətləndirmənin başqa ötürməsi də bu ID-dədir"),
    "error.data_not_processed": (
        "Ticks data no longer listed in the Processing step: tick it there, or untick it here",
        "Emal addımında artıq olmayan məlumat seçilib: onu orada işarələyin və ya burada götürün",
    ),
    "error.twice": ("Listed twice", "İki dəfə yazılıb"),
    "error.date": ("Not a date: type YYYY-MM-DD (or today, +30, +6m)", "Tarix deyil: İİİİ-AA-GG yazın (və ya today, +30, +6m)"),
    # -- fields --------------------------------------------------------------------
    "field.title": ("Title", "Adı"),
    "field.id": ("ID (file name)", "ID (faylın adı)"),
    "field.status": ("Status", "Status"),
    "field.created": ("Created", "Yaradılma tarixi"),
    "field.next_review": ("Next review", "Növbəti baxış"),
    "field.assessor": ("Prepared by", "Hazırlayan"),
    "field.notes": ("Notes", "Qeydlər"),
    "field.operator.name": ("Operator name", "Operatorun adı"),
    "field.operator.tin": ("VÖEN (taxpayer number)", "VÖEN"),
    "field.operator.address": ("Address", "Ünvan"),
    "field.operator.contact": ("Contact", "Əlaqə"),
    "field.operator.responsible": ("Person responsible for processing", "Emalın təşkilinə məsul şəxs"),
    "field.processing.purposes": ("Purposes of processing", "Emalın məqsədləri"),
    "field.processing.subjects": ("Categories of data subjects", "Məlumat subyektlərinin kateqoriyaları"),
    "field.processing.data": ("Data categories", "Məlumat kateqoriyaları"),
    "field.processing.special": ("Special categories", "Xüsusi kateqoriyalar"),
    "field.processing.az_citizens": ("Data concern citizens of Azerbaijan", "Məlumatlar Azərbaycan vətəndaşlarına aiddir"),
    "field.processing.primary_storage": ("Country of the primary database", "Əsas verilənlər bazasının ölkəsi"),
    "field.transfers": ("Transfers", "Ötürmələr"),
    "field.id.transfer": ("Transfer ID", "Ötürmənin ID-si"),
    "field.country": ("Destination country", "Təyinat ölkəsi"),
    "field.start": ("First day of the transfer", "Ötürmənin ilk günü"),
    "field.data": ("Data sent to this recipient", "Bu alana göndərilən məlumatlar"),
    "field.ground": ("Ground", "Əsas"),
    "field.national_security_risk": ("The transfer threatens the national security of Azerbaijan", "Ötürmə Azərbaycanın milli təhlükəsizliyinə təhlükə yaradır"),
    "field.recipient.name": ("Recipient name", "Alanın adı"),
    "field.recipient.kind": ("Kind of recipient", "Alanın növü"),
    "field.recipient.role": ("Role", "Rolu"),
    "field.recipient.address": ("Address", "Ünvan"),
    "field.recipient.contact": ("Contact", "Əlaqə"),
    "field.recipient.agreement": ("Processing agreement (clause 6.1)", "Emal müqaviləsi (6.1-ci bənd)"),
    "field.consent.written": ("The subject consented in writing to this transfer", "Subyekt bu ötürməyə yazılı razılıq verib"),
    "field.consent.reference": ("Where the consent is documented", "Razılığın sənədi"),
    "field.contract.subject_is_party": ("The transfer is needed to perform a contract the subject is party to", "Ötürmə subyektin tərəf olduğu müqavilənin icrası üçün lazımdır"),
    "field.contract.reference": ("Which contract", "Hansı müqavilə"),
    "field.adequacy.adequate": ("Adequate for this transfer", "Bu ötürmə üçün adekvatdır"),
    "field.adequacy.reason": ("Why (e.g. the authority's letter)", "Səbəb (məs. orqanın məktubu)"),
    "field.recipient_info.obtained": ("Information obtained on", "Məlumatın alındığı tarix"),
    "field.recipient_info.measures": ("Recipient's protection measures", "Alanın mühafizə tədbirləri"),
    "field.recipient_info.termination": ("Conditions for ending the processing", "Emala xitam şərtləri"),
    "field.recipient_info.evidence": ("Evidence files (paths in the workspace)", "Sübut faylları (iş sahəsində yollar)"),
    "field.notification.sent": ("Notification sent on", "Bildirişin göndərildiyi tarix"),
    "field.notification.reference": ("Notification number", "Bildirişin nömrəsi"),
    "field.notification.separate": ("Sent separately from the notice of intent to process", "Emal niyyəti barədə bildirişdən ayrıca göndərilib"),
    "field.notification.acknowledged": ("Acknowledged by the authority on", "Orqanın təsdiq tarixi"),
    # -- reports -------------------------------------------------------------------
    "report.title": ("Generating the report", "Hesabat hazırlanır"),
    "report.progress": ("{done} of {total}: {file}", "{total} fayldan {done}: {file}"),
    "report.done": ("Report written: {files}", "Hesabat yazıldı: {files}"),
    "report.failed": ("The report could not be generated: {error}", "Hesabat yaradıla bilmədi: {error}"),
    "report.unavailable": ("Reports are not available in this installation yet.", "Hesabatlar bu quraşdırmada hələ mövcud deyil."),
    "report.invalid": ("Fix the file's errors before generating its report.", "Hesabatı yaratmazdan əvvəl faylın xətalarını düzəldin."),
    "report.unsaved": ("Save the assessment before generating its report.", "Hesabatı yaratmazdan əvvəl qiymətləndirməni saxlayın."),
    # -- dialogs -------------------------------------------------------------------
    "dialog.yes": ("Yes", "Bəli"),
    "dialog.no": ("No", "Xeyr"),
    "dialog.cancel": ("Cancel", "Ləğv et"),
    "dialog.save": ("Save", "Saxla"),
    "dialog.discard": ("Discard changes", "Dəyişikliklərdən imtina et"),
    "dialog.delete": ("Delete", "Sil"),
    "lang.switched": ("Interface language: English", "İnterfeys dili: Azərbaycanca"),
    # -- help screen ---------------------------------------------------------------
    "help.title": ("Keys and how the wizard works", "Düymələr və sehrbazın iş qaydası"),
    "help.close": ("Esc or F1 closes this help; ↑ ↓ scroll.", "Esc və ya F1 bu köməyi bağlayır; ↑ ↓ sürüşdürür."),
    # rows "keys<TAB>what they do"; a line without a tab is a heading or a paragraph
    "help.body": (
        "THE LIST OF ASSESSMENTS\n"
        "n\tnew assessment\n"
        "Enter, o\topen the selected assessment\n"
        "c\tduplicate it (a new draft)\n"
        "Del, d\tdelete it (asks first)\n"
        "p\tPDF report of it\n"
        "/\tsearch (title, id, country in az/en/ru); Esc back to the list\n"
        "s\tsort by the next column (or click a column's title)\n"
        "r\treload the files from disk\n"
        "THE WIZARD\n"
        "Ctrl+S\tsave\n"
        "Alt+→  Alt+←\tnext / previous step (also Ctrl+PgDn / Ctrl+PgUp)\n"
        "Tab  Shift+Tab\tnext / previous field\n"
        "F3\tthe text of the clauses behind the step\n"
        "Esc\tback to the list (asks about unsaved changes)\n"
        "a  Ctrl+D  Ctrl+X\tin the list of transfers: add, duplicate, remove\n"
        "Dates\tYYYY-MM-DD, or today, +30 (days), +2w, +6m, +1y\n"
        "EVERYWHERE\n"
        "F1\tthis help\n"
        "F2\tAzərbaycanca / English\n"
        "Ctrl+P\tcommand palette (every command, searchable)\n"
        "q, Ctrl+Q\tquit (asks about unsaved changes)\n"
        "The mouse works everywhere: click a row, a step, a button or a column's title.\n"
        "The verdict at the top updates as you type. A step marked ● has that many problems; "
        "the Review step lists them, and selecting one takes you to the field that fixes it.\n"
        "Unsaved work is autosaved as a draft (never over your file) and offered back if the "
        "wizard is closed unexpectedly. If the file changed on disk (a git pull), saving asks first.",
        "QİYMƏTLƏNDİRMƏLƏR SİYAHISI\n"
        "n\tyeni qiymətləndirmə\n"
        "Enter, o\tseçilmiş qiymətləndirməni aç\n"
        "c\tsurətini çıxar (yeni layihə)\n"
        "Del, d\tsil (əvvəlcə soruşur)\n"
        "p\tPDF hesabatı\n"
        "/\taxtarış (ad, id, ölkə az/en/ru); Esc siyahıya qayıdır\n"
        "s\tnövbəti sütuna görə sırala (və ya sütunun başlığına klikləyin)\n"
        "r\tfaylları diskdən yenidən oxu\n"
        "SEHRBAZ\n"
        "Ctrl+S\tsaxla\n"
        "Alt+→  Alt+←\tnövbəti / əvvəlki addım (həmçinin Ctrl+PgDn / Ctrl+PgUp)\n"
        "Tab  Shift+Tab\tnövbəti / əvvəlki sahə\n"
        "F3\taddımın əsaslandığı bəndlərin mətni\n"
        "Esc\tsiyahıya qayıt (saxlanmamış dəyişikliklər barədə soruşur)\n"
        "a  Ctrl+D  Ctrl+X\tötürmələr siyahısında: əlavə et, surətini çıxar, sil\n"
        "Tarixlər\tİİİİ-AA-GG və ya today, +30 (gün), +2w, +6m, +1y\n"
        "HƏR YERDƏ\n"
        "F1\tbu kömək\n"
        "F2\tAzərbaycanca / English\n"
        "Ctrl+P\təmrlər paneli (bütün əmrlər, axtarışla)\n"
        "q, Ctrl+Q\tçıxış (saxlanmamış dəyişikliklər barədə soruşur)\n"
        "Siçan hər yerdə işləyir: sətrə, addıma, düyməyə və ya sütunun başlığına klikləyin.\n"
        "Yuxarıdakı nəticə siz yazdıqca yenilənir. ● ilə işarələnmiş addımda o qədər problem var; "
        "Yoxlama addımı onları sadalayır, birini seçmək sizi onu düzəldən sahəyə aparır.\n"
        "Saxlanmamış iş qaralama kimi avtomatik saxlanır (faylınızın üzərinə yox) və sehrbaz "
        "gözlənilmədən bağlansa, geri təklif olunur. Fayl diskdə dəyişibsə (git pull), saxlamadan əvvəl soruşulur.",
    ),
}


def t(key: str, lang: str, **params: object) -> str:
    """The text of `key` in `lang` (az or en), with `{params}` filled in."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "az" else pair[0]
    return text.format(**params) if params else text

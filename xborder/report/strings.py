"""Texts of the printable documents (headings, labels, sentences) in Azerbaijani and
English. Reference data (vocabulary labels, rule texts, country names) is not here: it
comes from `xborder.reference`."""

from __future__ import annotations

LANGS = ("az", "en")

_T: dict[str, tuple[str, str]] = {
    # key: (en, az)
    # -- common ---------------------------------------------------------------------------
    "page": ("Page", "Səhifə"),
    "of": ("of", "/"),
    "yes": ("yes", "bəli"),
    "no": ("no", "xeyr"),
    "none": ("—", "—"),
    "not_recorded": ("not recorded", "qeyd edilməyib"),
    "line": ("line", "sətir"),
    "unreadable": ("cannot be read", "oxunmur"),
    "not_yet": ("not yet", "hələ yox"),
    "draft": ("DRAFT", "QARALAMA"),
    "special_mark": ("special category", "xüsusi kateqoriya"),
    "generated": (
        "Prepared with xborder {version} from the assessment file named on the cover; "
        "re-running the same version on the same file and date gives the same document.",
        "Sənəd xborder {version} ilə titul səhifəsində göstərilən qiymətləndirmə faylı əsasında "
        "hazırlanıb; eyni versiya, eyni fayl və tarixlə yenidən hazırlandıqda eyni sənəd alınır.",
    ),
    # -- the assessment report --------------------------------------------------------------
    "report_kind": ("Cross-border transfer assessment", "Transsərhəd ötürmənin qiymətləndirilməsi"),
    "cover": ("Assessment", "Qiymətləndirmə"),
    "operator": ("Operator", "Operator"),
    "operator_name": ("Operator", "Operator"),
    "tin": ("VÖEN (taxpayer number)", "VÖEN"),
    "address": ("Address", "Ünvan"),
    "contact": ("Contact", "Əlaqə"),
    "responsible": ("Person responsible for the processing", "Fərdi məlumatların işlənilməsinin təşkilinə görə məsul şəxs"),
    "title": ("Title", "Adı"),
    "id": ("Assessment id", "Qiymətləndirmənin identifikatoru"),
    "status": ("Status", "Status"),
    "verdict": ("Verdict", "Nəticə"),
    "as_of": ("As of", "Vəziyyət tarixi"),
    "created": ("Created", "Yaradılıb"),
    "next_review": ("Next review", "Növbəti baxış"),
    "assessor": ("Assessor", "Qiymətləndirən"),
    "rulebook": ("Rulebook", "Qaydalar toplusu"),
    "adequacy_list": ("Adequacy reference list", "Adekvatlıq üzrə istinad siyahısı"),
    "vocabulary": ("Vocabularies", "Lüğətlər"),
    "overrides": ("Workspace reference data", "İş qovluğunun istinad məlumatları"),
    "adequacy_own_list": ("The workspace's own adequacy list", "İş qovluğunun öz adekvatlıq siyahısı"),
    "file": ("Assessment file", "Qiymətləndirmə faylı"),
    "sha256": ("SHA-256 of the file", "Faylın SHA-256 həşi"),
    "git_commit": ("Last git commit of the file", "Faylın son git commit-i"),
    "git_state": ("State in git", "Git-də vəziyyəti"),
    "git_clean": ("committed, no uncommitted changes", "commit edilib, commit edilməmiş dəyişiklik yoxdur"),
    "git_modified": ("HAS UNCOMMITTED CHANGES", "COMMIT EDİLMƏMİŞ DƏYİŞİKLİKLƏR VAR"),
    "git_untracked": ("NOT COMMITTED (new file)", "COMMIT EDİLMƏYİB (yeni fayl)"),
    "git_none": ("not in a git repository", "git repozitoriyasında deyil"),
    "summary": ("Summary of transfers", "Ötürmələrin xülasəsi"),
    "col_no": ("#", "№"),
    "col_destination": ("Destination", "Təyinat dövləti"),
    "col_recipient": ("Recipient", "Alan tərəf"),
    "col_ground": ("Ground", "Əsas"),
    "col_adequacy": ("Adequacy", "Adekvatlıq"),
    "col_info": ("Recipient information (12.2)", "Alandan məlumat (12.2)"),
    "col_notice": ("Notification (12.1)", "Bildiriş (12.1)"),
    "col_start": ("Start", "Başlanğıc"),
    "col_verdict": ("Verdict", "Nəticə"),
    "no_transfers": ("No transfers are recorded.", "Heç bir ötürmə qeyd edilməyib."),
    "general_findings": ("Findings on the assessment as a whole", "Qiymətləndirmə üzrə ümumi nəticələr"),
    "processing": ("Processing context", "Emalın konteksti"),
    "purposes": ("Purposes", "Məqsədlər"),
    "subjects": ("Categories of data subjects", "Subyektlərin kateqoriyaları"),
    "data": ("Categories of data", "Məlumatların kateqoriyaları"),
    "special": ("Special categories", "Xüsusi kateqoriyalar"),
    "az_citizens": ("Data of citizens of Azerbaijan", "Azərbaycan vətəndaşlarının məlumatları"),
    "primary_storage": ("Primary database", "Əsas verilənlər bazası"),
    "notes": ("Notes", "Qeydlər"),
    "transfers": ("Transfers", "Ötürmələr"),
    "transfer_id": ("Transfer id", "Ötürmənin identifikatoru"),
    "destination": ("Destination state", "Təyinat dövləti"),
    "recipient": ("Recipient", "Alan tərəf"),
    "kind": ("Kind", "Növü"),
    "role": ("Role", "Rolu"),
    "agreement": ("Processing contract", "Emal müqaviləsi"),
    "transfer_data": ("Data transferred", "Ötürülən məlumatlar"),
    "ground": ("Ground", "Əsas"),
    "consent_written": ("Consent given in writing", "Razılıq yazılı verilib"),
    "consent_ref": ("Consent document", "Razılıq sənədi"),
    "contract_party": ("Subject is party to the contract", "Subyekt müqavilənin tərəfidir"),
    "contract_ref": ("Contract", "Müqavilə"),
    "adequacy": ("Adequate protection in the destination", "Təyinat dövlətində adekvat müdafiə"),
    "adequacy_source": ("Source of the adequacy", "Adekvatlığın mənbəyi"),
    "adequacy_override": ("recorded for this transfer", "bu ötürmə üçün qeyd edilib"),
    "security": ("Threat to national security", "Milli təhlükəsizliyə təhlükə"),
    "start": ("Start of the transfer", "Ötürmənin başlanğıcı"),
    "info_obtained": ("Recipient information obtained (12.2)", "Alandan məlumat alınıb (12.2)"),
    "info_measures": ("Recipient's protection measures", "Alan tərəfin müdafiə tədbirləri"),
    "info_termination": ("Conditions for ending the processing", "Emala xitam şərtləri"),
    "info_evidence": ("Evidence", "Sübutlar"),
    "notice_sent": ("Notification sent (12.1)", "Bildiriş göndərilib (12.1)"),
    "notice_ref": ("Notification reference", "Bildirişin nömrəsi"),
    "notice_separate": ("Sent separately from the notice of intent to process", "Emal niyyəti barədə bildirişdən ayrıca göndərilib"),
    "notice_ack": ("Acknowledged by the authority", "Səlahiyyətli orqan tərəfindən təsdiqlənib"),
    "findings": ("Findings", "Yoxlamanın nəticələri"),
    "no_findings": ("No findings: every rule is satisfied.", "Uyğunsuzluq aşkar edilməyib: bütün qaydalara əməl olunub."),
    "what_to_do": ("What to do", "Nə etməli"),
    "unverified": ("source not verified", "mənbə yoxlanılmayıb"),
    "since_notified": ("Changes since the authority was notified", "Səlahiyyətli orqana bildirişdən sonrakı dəyişikliklər"),
    "since_notified_lead": (
        "The authority was last notified on {sent} (clause 12.1). Compared with the version of this "
        "file committed on or before that day (commit {commit} of {date}), the file now differs as "
        "follows; review bookkeeping (status, approval, next review) is left out. A change to the "
        "destinations, recipients, data or purposes may call for a new notice.",
        "Səlahiyyətli orqana sonuncu bildiriş {sent} tarixində göndərilib (bənd 12.1). Bu faylın həmin "
        "gün və ya ondan əvvəl commit edilmiş versiyası ilə ({date} tarixli {commit} commit-i) "
        "müqayisədə fayl hazırda aşağıdakı kimi fərqlənir; baxış qeydləri (status, təsdiq, növbəti "
        "baxış) nəzərə alınmır. Təyinat dövlətlərinin, alan tərəflərin, məlumatların və ya "
        "məqsədlərin dəyişməsi yeni bildiriş tələb edə bilər.",
    ),
    "since_notified_none": (
        "No change since that version.",
        "Həmin versiyadan sonra dəyişiklik yoxdur.",
    ),
    "approval": ("Review decision", "Baxışın nəticəsi"),
    "reviewer": ("Reviewer", "Yoxlayan"),
    "decision": ("Decision", "Qərar"),
    "decision_date": ("Date of the decision", "Qərarın tarixi"),
    "reason": ("Reason", "Səbəb"),
    "approved_list": ("Adequacy list at approval", "Təsdiq zamanı adekvatlıq siyahısı"),
    "signatures": ("Signatures", "İmzalar"),
    "signature": ("Signature", "İmza"),
    "date": ("Date", "Tarix"),
    "name": ("Name", "Ad, soyad"),
    # -- adequacy source ------------------------------------------------------------------
    "adq_coe108": ("party to Council of Europe Convention 108", "Avropa Şurasının 108 saylı Konvensiyasının iştirakçısı"),
    "adq_listed": ("listed", "siyahıdadır"),
    "adq_since": ("since {date}", "{date} tarixindən"),
    "adq_not_listed": ("not on the list", "siyahıda yoxdur"),
    "adq_list": ("list {version} as of {date}", "siyahı {version}, {date} tarixinə"),
    # -- the notice -----------------------------------------------------------------------
    "notice_kind": ("Notice", "Bildiriş"),
    "notice_title": (
        "Notice of intention to carry out cross-border transfers of personal data",
        "Fərdi məlumatların transsərhəd ötürülməsini həyata keçirmək niyyəti barədə bildiriş",
    ),
    "notice_to": ("To", "Kimə"),
    "notice_from": ("From", "Kimdən"),
    "notice_amends": (
        "This notice amends the operator's notice of {date} concerning the transfer to {who}: "
        "since that notice, {changes}.",
        "Bu bildiriş operatorun alan tərəfə ({who}) ötürmə barədə {date} tarixli bildirişinə "
        "dəyişiklik edir: həmin bildirişdən sonra {changes}.",
    ),
    "notice_amends_ref": (
        "This notice amends the operator's notice No. {ref} of {date} concerning the transfer to "
        "{who}: since that notice, {changes}.",
        "Bu bildiriş operatorun alan tərəfə ({who}) ötürmə barədə {date} tarixli № {ref} "
        "bildirişinə dəyişiklik edir: həmin bildirişdən sonra {changes}.",
    ),
    "notice_changed_country": (
        "the destination state changed from {old} to {new}",
        "təyinat dövləti {old} əvəzinə {new} olub",
    ),
    "notice_changed_recipient": (
        "the recipient changed from “{old}” to “{new}”",
        "alan tərəf «{old}» əvəzinə «{new}» olub",
    ),
    "notice_changed_data": (
        "it also covers these data categories: {new}",
        "ötürməyə bu məlumat kateqoriyaları da daxildir: {new}",
    ),
    "notice_intro": (
        "In accordance with clause 12.1 of its personal data policy, before commencing the "
        "cross-border transfer of personal data, the operator named below notifies the "
        "authority of its intention to carry out the cross-border transfers described in this "
        "notice. This notice is sent separately from the notification of intent to process "
        "personal data. The information from each recipient required by clause 12.2 was "
        "obtained before this notice, on the dates given below.",
        "Aşağıda göstərilən operator fərdi məlumatlar siyasətinin 12.1-ci bəndinə uyğun "
        "olaraq, fərdi məlumatların transsərhəd ötürülməsinə başlamazdan əvvəl bu bildirişdə "
        "təsvir edilən transsərhəd ötürmələri həyata keçirmək niyyəti barədə səlahiyyətli "
        "orqanı xəbərdar edir. Bu bildiriş fərdi məlumatların işlənilməsi niyyəti barədə "
        "bildirişdən ayrıca göndərilir. 12.2-ci bəndin tələb etdiyi məlumat hər bir alan "
        "tərəfdən bu bildirişdən əvvəl, aşağıda göstərilən tarixlərdə alınıb.",
    ),
    "notice_operator": ("1. The operator", "1. Operator"),
    "notice_processing": ("2. Personal data and purposes", "2. Fərdi məlumatlar və məqsədlər"),
    "notice_destinations": ("3. Destination states and recipients", "3. Təyinat dövlətləri və alan tərəflər"),
    "notice_summary": ("{n}. Summary by destination state", "{n}. Təyinat dövlətləri üzrə xülasə"),
    "notice_sign": ("{n}. Signature", "{n}. İmza"),
    "notice_ground_of": ("Ground relied on", "Əsaslandırılan hüquqi əsas"),
    "notice_planned": ("Planned start", "Planlaşdırılan başlanğıc"),
    "notice_info": ("Information obtained from the recipient (12.2)", "Alan tərəfdən alınmış məlumat (12.2)"),
    "notice_info_on": ("obtained on {date}", "{date} tarixində alınıb"),
    "notice_state": ("Destination state: {country}", "Təyinat dövləti: {country}"),
    "notice_not_ready": (
        "DRAFT: this assessment is not ready to be notified. Missing or unresolved:",
        "QARALAMA: bu qiymətləndirmə üzrə bildiriş göndərməyə hazır deyil. Çatışmayan və ya həll edilməmiş məsələlər:",
    ),
    "notice_reference": ("Assessment {id}, file SHA-256 {sha}", "Qiymətləndirmə {id}, faylın SHA-256 həşi {sha}"),
    "notice_signed_by": ("Person responsible for the processing", "Məsul şəxs"),
    # -- the register ---------------------------------------------------------------------
    "register_kind": ("Register", "Reyestr"),
    "register_title": ("Register of cross-border transfers of personal data", "Fərdi məlumatların transsərhəd ötürülmələri reyestri"),
    "register_intro": (
        "Every transfer of every assessment in the workspace, as of {date}.",
        "İş qovluğundakı bütün qiymətləndirmələrin bütün ötürmələri, {date} tarixinə.",
    ),
    "register_filter": ("Filter", "Filtr"),
    "register_all": ("all transfers", "bütün ötürmələr"),
    "register_count": ("{n} transfers in {m} assessments", "{m} qiymətləndirmədə {n} ötürmə"),
    "register_empty": ("No transfer matches.", "Uyğun ötürmə yoxdur."),
    "register_invalid": ("Files that could not be read (not in the register)", "Oxuna bilməyən fayllar (reyestrə daxil edilməyib)"),
    "col_assessment": ("Assessment", "Qiymətləndirmə"),
    "col_data": ("Data", "Məlumatlar"),
    "col_review": ("Next review", "Növbəti baxış"),
    "verdicts": ("verdict", "nəticə"),
    "countries": ("country", "ölkə"),
    # -- the statement --------------------------------------------------------------------
    "statement_kind": ("Statement", "Arayış"),
    "statement_title": (
        "Information on cross-border transfers of your personal data",
        "Fərdi məlumatlarınızın transsərhəd ötürülməsi barədə məlumat",
    ),
    "statement_intro": (
        "{operator} gives you this information in answer to your request about the transfer of "
        "your personal data to other countries (your right of access, clause 8.1 of our "
        "personal data policy). It concerns: {title}.",
        "{operator} fərdi məlumatlarınızın başqa ölkələrə ötürülməsi ilə bağlı sorğunuza cavab "
        "olaraq (məlumat əldə etmək hüququnuz, fərdi məlumatlar siyasətimizin 8.1-ci bəndi) bu "
        "məlumatı təqdim edir. Məlumat aşağıdakılara aiddir: {title}.",
    ),
    "statement_purposes": ("Why we transfer your data", "Məlumatlarınızı nə üçün ötürürük"),
    "statement_where": ("Where your data go, to whom, and on what ground", "Məlumatlarınız hara, kimə və hansı əsasla ötürülür"),
    "statement_country": ("Country", "Ölkə"),
    "statement_recipient": ("Recipient", "Alan tərəf"),
    "statement_data": ("Your data sent", "Ötürülən məlumatlarınız"),
    "statement_ground": ("Ground", "Əsas"),
    "statement_since": ("Since", "Başlanğıc"),
    "statement_started": ("since {date}", "{date} tarixindən"),
    "statement_planned": ("planned from {date}", "{date} tarixindən planlaşdırılır"),
    "statement_no_date": ("date not yet set", "tarix hələ müəyyən edilməyib"),
    "statement_inactive": (
        "The transfers described in this assessment are not being carried out (status: {status}).",
        "Bu qiymətləndirmədə təsvir edilən ötürmələr həyata keçirilmir (status: {status}).",
    ),
    "statement_none": ("We do not transfer these data to other countries.", "Bu məlumatları başqa ölkələrə ötürmürük."),
    "statement_questions": (
        "If you have questions or wish to exercise your rights, contact us: {contact}.",
        "Sualınız olarsa və ya hüquqlarınızdan istifadə etmək istəsəniz, bizimlə əlaqə saxlayın: {contact}.",
    ),
    "plain_adequacy": (
        "{country} ensures adequate protection of the rights of data subjects ({basis})",
        "{country} fərdi məlumat subyektlərinin hüquqlarının adekvat müdafiəsini təmin edir ({basis})",
    ),
    "plain_adequacy_unconfirmed": (
        "adequate protection in the destination state, which the adequacy list does not confirm",
        "təyinat dövlətində adekvat müdafiə (adekvatlıq siyahısı bunu təsdiq etmir)",
    ),
    "plain_consent": ("your written consent to this transfer", "bu ötürməyə yazılı razılığınız"),
    "plain_contract": (
        "the transfer is needed to perform a contract to which you are party",
        "ötürmə tərəfi olduğunuz müqavilənin icrası üçün zəruridir",
    ),
    "plain_no_ground": ("ground not yet recorded", "əsas hələ qeyd edilməyib"),
    "plain_processor": ("processes the data on our behalf", "məlumatları bizim tapşırığımızla işləyir"),
    "plain_controller": ("uses the data for its own purposes, as an independent operator", "məlumatları öz məqsədləri üçün, müstəqil operator kimi işləyir"),
    # -- readiness of the notice ----------------------------------------------------------
    "gap_status": (
        "the assessment is {status}: its transfers will not be carried out as recorded",
        "qiymətləndirmənin statusu «{status}»dır: ötürmələr qeyd edildiyi kimi həyata keçirilməyəcək",
    ),
    "gap_address": ("the operator's address (operator.address)", "operatorun ünvanı (operator.address)"),
    "gap_responsible": (
        "the person responsible for organising the processing (operator.responsible in the "
        "assessment, or [operator] responsible in xborder.toml when it names the same operator)",
        "fərdi məlumatların işlənilməsinin təşkilinə görə məsul şəxs (qiymətləndirmədə "
        "operator.responsible və ya eyni operatoru göstərdikdə xborder.toml faylının [operator] "
        "bölməsində responsible)",
    ),
    "gap_no_transfers": ("no transfer to notify", "bildiriş üçün ötürmə yoxdur"),
    "gap_all_notified": (
        "every transfer has already been notified; name the transfers to print again with --transfer",
        "bütün ötürmələr barədə artıq bildiriş göndərilib; yenidən çap etmək üçün ötürmələri --transfer ilə göstərin",
    ),
    "gap_notified": (
        "{transfer}: already notified on {date}",
        "{transfer}: bildiriş artıq {date} tarixində göndərilib",
    ),
    "gap_recipient_address": (
        "{transfer}: the recipient's address (transfers.recipient.address)",
        "{transfer}: alan tərəfin ünvanı (transfers.recipient.address)",
    ),
    "gap_info_summary": (
        "{transfer}: a summary of the information obtained from the recipient, its protection "
        "measures (transfers.recipient_info.measures)",
        "{transfer}: alan tərəfdən alınmış məlumatın xülasəsi — onun müdafiə tədbirləri "
        "(transfers.recipient_info.measures)",
    ),
    "refused": (
        "{id}: not ready to be notified to the authority (clause 12.1); missing or unresolved:",
        "{id}: səlahiyyətli orqana bildiriş göndərməyə hazır deyil (bənd 12.1); çatışmayan və ya həll edilməmiş məsələlər:",
    ),
    "refused_hint": (
        "(use --force to print a draft marked DRAFT)",
        "(QARALAMA işarəli layihəni çap etmək üçün --force istifadə edin)",
    ),
    "draft_written": (
        "written as a DRAFT: {n} item(s) missing or unresolved (see the document)",
        "QARALAMA kimi yazıldı: {n} çatışmayan və ya həll edilməmiş məsələ (sənədə baxın)",
    ),
    "gap_finding": ("{transfer}: {message} [{rule}, {citation}]", "{transfer}: {message} [{rule}, {citation}]"),
}


def t(key: str, lang: str, **params: str) -> str:
    """The text `key` in `lang` ("az" or "en"), with `{name}` placeholders filled."""
    en, az = _T[key]
    text = az if lang == "az" else en
    return text.format(**params) if params else text


def keys() -> frozenset[str]:
    return frozenset(_T)

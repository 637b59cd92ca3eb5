import sys

from xborder.cli.main import main

sys.exit(main())

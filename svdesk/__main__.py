from svdesk.cli import main

raise SystemExit(main())

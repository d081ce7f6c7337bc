"""tenders: see CONTRIBUTING.md for what lives here."""

"""summary: see CONTRIBUTING.md for what lives here."""

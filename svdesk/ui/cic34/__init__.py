"""cic34: see CONTRIBUTING.md for what lives here."""

"""The languages residents and staff read: message catalogs per language, and ruby for やさしい日本語."""

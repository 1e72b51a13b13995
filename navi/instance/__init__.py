"""The instance folder: one layout owning every file name, the first start, and the checks before serving."""

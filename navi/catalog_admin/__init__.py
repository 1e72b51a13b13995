"""The supervisor's side of the catalog: publishing versions and sending them to kiosks as bundles."""

"""Store backends, registered by name in ``chipkg.graph.store.backends``."""

"""The desktop app (PySide6). No SQL or file access here: everything goes through the core,
slow work in a thread pool (workers.py)."""

"""The desktop app (PySide6). No SQL or file access here: everything goes through the core,
slow work through the task helper (tasks.py)."""

"""What a user can do, once: select, delete, restore. Qt-free.

The command line prints these results; the window and the guided cleanup show them. Each
operation takes plain values and returns a typed result whose `lines()` are the one wording
every front end uses (totals, per store, backup id, confirmation code). Front ends keep only
what is theirs: argument parsing and printing, or widgets and threads.

(Nothing is imported here: `cookiedesk list` imports only the modules it needs.)
"""

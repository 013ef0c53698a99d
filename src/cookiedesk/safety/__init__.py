"""What keeps deletion safe: running-browser checks, backups and the one delete path."""

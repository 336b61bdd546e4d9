"""The regional centre's pages: the upload of packages (upload.py) and the dashboard and the
regional report (dashboard.py)."""

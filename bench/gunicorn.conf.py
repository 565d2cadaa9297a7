"""The bench's servers take their settings from the command line (``bench/servers.py``).

Without this file gunicorn reads the production ``gunicorn.conf.py`` of the folder it starts
in: its access log and its worker recycling (``max_requests``) would be measured too, and a
recycled Django worker pays its start and warm-up again where the floor's costs nothing.
"""

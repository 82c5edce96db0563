"""The hosting commands: `deploy` (and `deploy --rollback`) and `nginx-config`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def deploy(args: argparse.Namespace) -> int:
    from . import deploy as release

    try:
        target = release.Target(args.host, args.path, Path(args.known_hosts), args.port,
                                Path(args.identity) if args.identity else None)
        if args.rollback:
            print(f"Zurückgesetzt auf {release.rollback(target, to=args.to, reload_command=args.reload_command)}")
        else:
            print(f"Veröffentlicht: {release.deploy(Path(args.site), target, keep=args.keep, reload_command=args.reload_command)}")
    except release.DeployError as err:
        print(f"Nicht veröffentlicht: {err}", file=sys.stderr)
        return 1
    return 0


def nginx_config(args: argparse.Namespace) -> int:
    from . import nginx

    try:
        sys.stdout.write(nginx.render(root=args.root, server_name=args.server_name, listen=args.listen))
    except ValueError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


def add_commands(commands) -> None:
    env = os.environ.get
    parser = commands.add_parser("deploy", help="den Build per SSH auf einen Server bringen (atomar) oder zurücksetzen")
    parser.add_argument("site", nargs="?", default="site", help="der gebaute Ordner (Standard: site)")
    parser.add_argument("--host", default=env("DEPLOY_HOST"), required=not env("DEPLOY_HOST"),
                        help="benutzer@server (oder DEPLOY_HOST)")
    parser.add_argument("--path", default=env("DEPLOY_PATH"), required=not env("DEPLOY_PATH"),
                        help="Zielordner auf dem Server, z. B. /srv/klimapakt (oder DEPLOY_PATH)")
    parser.add_argument("--known-hosts", default=env("DEPLOY_KNOWN_HOSTS", "deploy/known_hosts"),
                        help="Datei mit dem Host-Schlüssel des Servers (Standard: deploy/known_hosts)")
    parser.add_argument("--port", type=int, default=int(env("DEPLOY_PORT", "22")))
    parser.add_argument("--identity", default=env("DEPLOY_IDENTITY"), help="privater SSH-Schlüssel")
    parser.add_argument("--keep", type=int, default=5, help="so viele Versionen bleiben auf dem Server (Standard: 5)")
    parser.add_argument("--reload-command", default=env("DEPLOY_RELOAD_COMMAND", ""),
                        help="danach auf dem Server, z. B. 'sudo systemctl reload nginx' (liest die CSP neu)")
    parser.add_argument("--rollback", action="store_true", help="auf die vorige Version zurücksetzen")
    parser.add_argument("--to", help="mit --rollback: auf diese Version")
    parser.set_defaults(run=deploy)
    nginx = commands.add_parser("nginx-config", help="deploy/nginx/klimapakt.conf mit Pfaden ausgeben")
    nginx.add_argument("--root", required=True, help="der ausgelieferte Ordner, z. B. /srv/klimapakt/current")
    nginx.add_argument("--server-name", required=True)
    nginx.add_argument("--listen", default="80")
    nginx.set_defaults(run=nginx_config)

"""Start the page: bind a loopback socket, print the URL with its token, run uvicorn.

The socket is bound before the application is built, so the ``Host`` values the guard
accepts name the real port even when the port was chosen by the system (``--port 0``).
Only loopback addresses are accepted as the host to bind.
"""

from __future__ import annotations

import socket
from collections.abc import Callable

from charter.errors import ConfigError
from charter.web.security import Secrets
from charter.web.suggest import Suggester

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def bind(host: str, port: int) -> socket.socket:
    if host not in LOOPBACK:
        raise ConfigError(f"charter serve binds to loopback only (127.0.0.1), not {host!r}")
    family = socket.AF_INET6 if host == "::1" else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1" if host == "localhost" else host, port))
    except OSError as exc:
        sock.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {exc}") from None
    sock.listen(64)
    return sock


def serve(
    root: str,
    host: str,
    port: int,
    suggester: Suggester | None,
    announce: Callable[[str], None],
) -> None:
    import uvicorn

    from charter.web.app import create_app

    sock = bind(host, port)
    real_port = sock.getsockname()[1]
    shown = "[::1]" if host == "::1" else "127.0.0.1"
    hosts = {f"{shown}:{real_port}", f"localhost:{real_port}"}
    keys = Secrets()
    app = create_app(root, keys, hosts, suggester)
    announce(f"http://{shown}:{real_port}/?token={keys.token}")
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])

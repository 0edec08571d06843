"""The HTTP service (``lawcode serve``): a JSON API over the public API, its OpenAPI description and a page.

Needs the ``serve`` extra (Starlette, uvicorn); nothing else in lawcode imports this package.

    from lawcode.service.app import create_app
    app = create_app(lawcode.load(), Settings())     # an ASGI application
"""

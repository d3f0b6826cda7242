from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from articles import signals, sqlite_search

        signals.connect()
        # The SQL function SQLite's search triggers call, on every connection.
        connection_created.connect(sqlite_search.register, dispatch_uid="articles_sqlite_search")
        for connection in connections.all(initialized_only=True):
            if connection.connection is not None:
                sqlite_search.register(connection=connection)

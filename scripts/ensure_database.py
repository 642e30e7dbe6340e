"""Creates the PostgreSQL database named in a DATABASE_URL when it does not exist yet."""

import sys
from urllib.parse import urlsplit

import psycopg2
from psycopg2 import sql

address = urlsplit(sys.argv[1])
name = address.path.lstrip("/")
connection = psycopg2.connect(
    host=address.hostname,
    port=address.port or 5432,
    user=address.username,
    password=address.password,
    dbname="postgres",
)
connection.autocommit = True
with connection.cursor() as cursor:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    if cursor.fetchone() is None:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(f"Created the database {name}.")
connection.close()

"""Bulk reads and writes of canonical records over any DB-API connection (SQLite or PostgreSQL).

Plain Python, no Django: `jtai.runs` hands in the raw connection of the open transaction.
"""

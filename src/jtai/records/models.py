"""Loads and canonical records: the tables the analytical core writes and reads."""

"""Bytes <-> values: the dlcat program file, the open schedule formats, the saved agenda, the cache and
the iCalendar export. Imports the core, never the command line.
"""

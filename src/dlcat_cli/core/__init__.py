"""The pure core: the conference model, typed times, the rules of a move, planning, search, the day's
situation. No I/O, no printing, no typer or rich, no file format: everything here is a value in and a
value out, so it is tested without a command line.
"""

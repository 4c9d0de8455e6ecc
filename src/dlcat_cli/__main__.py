"""The `dlcat` command's entry point, also run by `python -m dlcat_cli`.

Start-up tuning, measured with bench/startup.py: importing typer and rich makes some 20,000
long-lived objects, and the cyclic garbage collector would walk them again and again while they
load, and once more as the interpreter exits. So the collector is off while the command line is
imported, what was imported is frozen out of later collections, and the collector is back on
before the command runs, which may build big programs. `dlcat list --time 10` took 108 ms without
this and 91 ms with it (medians of 30 runs; the final freeze is about 1.6 ms of the difference).
"""

import gc


def main() -> None:
    gc.disable()
    from dlcat_cli.cli import main as run

    gc.freeze()
    gc.enable()
    try:
        run()
    finally:
        gc.freeze()  # nothing is collected after this; spare the exit its full collection


if __name__ == "__main__":
    main()

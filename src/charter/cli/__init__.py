"""The ``charter`` command line: argument parsing, calling the library, printing."""

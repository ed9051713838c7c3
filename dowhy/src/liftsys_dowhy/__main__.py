"""Entry point: ``python -u -m liftsys_dowhy`` serves the JSON-lines protocol on stdin/stdout until stdin closes."""

from liftsys_dowhy.server import main

if __name__ == "__main__":
    main()

"""python -m summarizer"""

from summarizer.cli import main

if __name__ == "__main__":
    main()

from k2site.cli import main_entry

main_entry()

"""Reports, last in the flow: the owner's folder of CSV files and summary page, what was not read, the data
dictionary. Reads the public views; imports the earlier folders and the shared modules only."""

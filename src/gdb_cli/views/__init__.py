"""What status and the Steckbrief show, as data for the renderers."""

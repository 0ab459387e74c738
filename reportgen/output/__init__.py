"""After the writers: atomic files and the manifest, batches of export jobs, the findings report."""

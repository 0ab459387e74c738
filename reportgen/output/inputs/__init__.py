"""Input folders written for a clerk to go on editing (`reportgen new`, `reportgen roll`): YAML and Markdown text
with Vietnamese comments, checked to load back through load/ as meant, written as one new folder."""

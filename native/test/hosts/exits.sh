# A host that dies at once with an error message on stderr.
echo "boom: cannot load the handler" >&2
exit 3

# A host that writes text instead of frames; the library must kill it and log ERR_TOO_LONG.
echo "this is not a frame, just a line of text" >&2
printf 'GET / HTTP/1.1\r\n\r\n'
sleep 30

# A host that never says HELLO; writes its pid so the test can check it was killed.
echo $$ > "$CK_TEST_PIDFILE"
sleep 30 &
wait

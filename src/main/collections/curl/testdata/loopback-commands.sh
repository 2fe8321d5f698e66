# curl commands as people write them, each run by the machine's curl against a loopback server in
# curl-on-the-wire.test.ts and imported by Signet; the two must put the same request on the wire.
# ORIGIN is replaced by the server's http://127.0.0.1:<port>, BODYFILE by a file the test writes.
curl 'ORIGIN/search?q=red%20fox&limit=5&flag' -H 'Accept: application/json'
curl -X PUT ORIGIN/items/7 -H 'Content-Type: application/json' --data-raw '{"name":"it'\''s","n":2}'
curl ORIGIN/login -d user=alice -d 'note=a+b' --data-urlencode 'q=a b&c=d'
curl -G ORIGIN/find -d q=x -d 'page=2'
curl -u 'alice:pa ss' ORIGIN/private
curl --request PATCH "ORIGIN/a/b" \
  --header "X-Trace: one two" \
  --header 'X-Empty;' \
  --data-binary @BODYFILE
curl -X DELETE 'ORIGIN/items/7?force=yes' -A 'my-agent/1.0' -e 'https://ref.example/' -b 'session=abc; theme=dark'
curl --json '{"a":[1,2]}' ORIGIN/json
curl -X PURGE ORIGIN/cache/x
curl -I ORIGIN/head-only

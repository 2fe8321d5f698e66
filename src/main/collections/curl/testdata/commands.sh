$ curl -X PUT 'https://api.example.test/items/7' -H 'Content-Type: application/json' \
    -H "X-Trace: a b" --data-raw '{"name":"it'\''s",
  "lines": 2}' -sSLk --compressed
curl https://api.example.test/login -d user=alice --data-urlencode 'q=a b&c' -u 'alice:pa ss'
curl -G https://api.example.test/search -d q=x -u "$API_USER:${API_PASS}"
curl -g --path-as-is --aws-sigv4 "aws:amz:us-east-1:s3" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-security-token: $AWS_SESSION_TOKEN" -X PUT -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' --data-binary @request-body.bin 'https://b.s3.amazonaws.com/k?uploads='
d=$(date -u +%Y%m%dT%H%M%SZ); s=${d%%T*}; curl -g --path-as-is -X GET -H "X-Amz-Date: $d" -H "Authorization: AWS4-HMAC-SHA256 Credential=$AWS_ACCESS_KEY_ID/$s/eu-west-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=$sig" 'http://127.0.0.1:8080/a%2Fb'
curl -F title=hello -F 'photo=@/tmp/me.jpg;type=image/jpeg' https://api.example.test/upload
curl ^"https://api.example.test/v1?a=1^&b=2^" ^
  -H ^"accept: */*^" ^
  --data-raw ^"^{^\^"k^\^":1^}^"

signlog detect --user "d*@contoso.com" testdata/detect/success-after.jsonl testdata/detect/device-code.jsonl testdata/detect/bruteforce.jsonl

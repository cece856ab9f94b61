signlog summary testdata/hostile/evidence/notes.txt testdata/hostile/evidence/signins.jsonl

// An earlier, better report must not survive a build that does not compile.
def dir = new File(basedir, 'target/grader')
dir.mkdirs()
new File(dir, 'grade.json').text = '{"score": 4, "maxScore": 4, "note": "STALE"}'
new File(dir, 'index.html').text = '<html>STALE 4/4</html>'
new File(dir, 'stale.txt').text = 'STALE'
return true

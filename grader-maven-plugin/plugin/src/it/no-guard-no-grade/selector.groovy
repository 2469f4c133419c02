// Runs only where a Java 24+ JDK is installed (this machine's kind has Temurin 25).
return new File('/usr/lib/jvm/temurin-25-jdk-amd64/bin/java').canExecute()

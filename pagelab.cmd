@echo off
rem pagelab: the simulator's command line on Windows. Builds the simulator with the Maven wrapper
rem on first use (delete simulator\target to rebuild after changing its sources), then runs it.
setlocal
set "HERE=%~dp0"
if not exist "%HERE%simulator\target\pagelab.jar" (
  echo pagelab: building the simulator ^(first use takes a minute or two^)... 1>&2
  call "%HERE%mvnw.cmd" -q -B -ntp -f "%HERE%pom.xml" -pl simulator -am package -DskipTests -Dspotless.skip=true 1>&2 || exit /b 1
)
java "-Dpagelab.home=%HERE%." -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "%HERE%simulator\target\pagelab.jar" %*

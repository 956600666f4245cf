# evoplan in a container: docker build -t evoplan .
#   docker run --rm -v "$PWD:/work" evoplan check --base origin/main db/db.changelog-master.yaml
# Stage 1 builds the jar with Maven (tests are the CI's job, not the image's); stage 2 is the JRE
# and the jar only. EVOPLAN_COMMIT names the commit in `evoplan --version` (the build context
# has no .git): docker build --build-arg EVOPLAN_COMMIT=$(git rev-parse --short=12 HEAD) .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY src ./src
ARG EVOPLAN_COMMIT=unknown
RUN mvn -B -q -Dmaven.test.skip=true -Devoplan.gitCommit="$EVOPLAN_COMMIT" package

FROM eclipse-temurin:17-jre
# lib/ holds Testcontainers for verify --db docker (it needs the host's Docker socket:
# -v /var/run/docker.sock:/var/run/docker.sock); everything else needs the jar alone.
COPY --from=build /src/target/evoplan.jar /opt/evoplan/evoplan.jar
COPY --from=build /src/target/lib/ /opt/evoplan/lib/
WORKDIR /work
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:NewSize=64m", "-jar", "/opt/evoplan/evoplan.jar"]
CMD ["--help"]

# One build, two images: the worker (target "worker") and, for rehearsals, the DRS simulator
# (target "simulator"). Every base image is pinned so that a rebuild months later is the same.
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY headers/pom.xml headers/
COPY workflows/pom.xml workflows/
COPY codec/pom.xml codec/
COPY activities/pom.xml activities/
COPY simulator/pom.xml simulator/
COPY worker/pom.xml worker/
COPY starter/pom.xml starter/
COPY e2e/pom.xml e2e/
# Dependencies first: this layer is reused while only sources change.
RUN mvn -B -ntp -q -pl worker,simulator -am dependency:go-offline || true
COPY . .
RUN mvn -B -ntp -q -pl worker,simulator -am package -DskipTests

FROM eclipse-temurin:17.0.13_11-jre AS worker
RUN useradd --system --uid 10001 cutover
USER cutover
COPY --from=build /src/worker/target/cutover-worker.jar /app/cutover-worker.jar
# /healthz and /metrics (ops.port).
EXPOSE 9464
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/cutover-worker.jar"]

FROM eclipse-temurin:17.0.13_11-jre AS simulator
RUN useradd --system --uid 10001 cutover
USER cutover
COPY --from=build /src/simulator/target/drs-simulator.jar /app/drs-simulator.jar
EXPOSE 18080
ENTRYPOINT ["java", "-jar", "/app/drs-simulator.jar", "--bind", "0.0.0.0", "--port", "18080"]

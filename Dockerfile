# Builds the Kinflow service jar and runs it on a JRE (used by docker-compose.temporal.yml).
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY workflows workflows
COPY activities activities
COPY api api
COPY testkit/pom.xml testkit/pom.xml
RUN ./mvnw -B -q -pl api -am package -DskipTests

FROM eclipse-temurin:21-jre
WORKDIR /app
COPY --from=build /src/api/target/kinflow-api-*-exec.jar /app/kinflow.jar
ENV KINFLOW_HOME=/app/state
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/kinflow.jar"]

export * from "./medusa-test-runner"

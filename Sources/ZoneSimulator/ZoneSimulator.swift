/// The virtual bonded zone: simulated devices on loopback with fault injection, for the demo
/// and for tests of the monitoring pipeline. It holds devices once monitoring lands; until then
/// this namespace reserves its place in the architecture.
public enum ZoneSimulator {}

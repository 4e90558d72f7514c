import Vapor
import Plot
import Prometheus
enum PlaceholderWeb {}

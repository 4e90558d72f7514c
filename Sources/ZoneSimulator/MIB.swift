import Foundation
import ZoneOpsWire

/// The objects an agent of the virtual zone holds, in OID order: the system group, IF-MIB's
/// interface table (RFC 2863) and, for a UPS, UPS-MIB (RFC 1628).
struct MIB {
    let rows: [VarBind]

    func value(at oid: OID) -> SNMPValue? {
        var low = 0, high = rows.count
        while low < high {
            let mid = (low + high) / 2
            if rows[mid].oid < oid { low = mid + 1 } else { high = mid }
        }
        return low < rows.count && rows[low].oid == oid ? rows[low].value : nil
    }

    /// The first object after `oid` (GETNEXT), nil at the end of the view.
    func next(after oid: OID) -> VarBind? {
        var low = 0, high = rows.count
        while low < high {
            let mid = (low + high) / 2
            if rows[mid].oid <= oid { low = mid + 1 } else { high = mid }
        }
        return low < rows.count ? rows[low] : nil
    }

    static func table(for device: SimDevice, readings: DeviceReadings) -> MIB {
        let system = OID("1.3.6.1.2.1.1")!
        let octets = { (text: String) in SNMPValue.octets(Array(text.utf8)) }
        var rows: [VarBind] = [
            VarBind(system.appending(1, 0), octets(device.kind == .upsAgent ? "UPS 3C3 Pro 60K (virtual zone)" : "Comware Software (virtual zone)")),
            VarBind(system.appending(2, 0), .oid(OID("1.3.6.1.4.1.25506.1.1")!)),
            VarBind(OID.sysUpTime, .timeTicks(readings.uptimeTicks)),
            VarBind(system.appending(4, 0), octets("运维值班室 0371-6655 8800")),
            VarBind(OID.sysName, octets(device.tag)),
            VarBind(system.appending(6, 0), octets("郑州经开综保区")),
        ]
        if device.interfaces > 0 {
            let entry = OID("1.3.6.1.2.1.2.2.1")!
            let count = device.interfaces
            rows.append(VarBind(OID("1.3.6.1.2.1.2.1.0")!, .integer(Int64(count))))
            // ifIndex (1), ifDescr (2), ifAdminStatus (7), ifOperStatus (8): column by column, as a walk reads them.
            for column: UInt32 in [1, 2, 7, 8] {
                for index in 1...count {
                    let value: SNMPValue = switch column {
                    case 1: .integer(Int64(index))
                    case 2: octets("GigabitEthernet1/0/\(index)")
                    case 7: .integer(index > count - 2 ? 2 : 1)   // the last two ports are shut (admin down)
                    default: .integer(index > count - 2 ? 2 : 1)
                    }
                    rows.append(VarBind(entry.appending(column, UInt32(index)), value))
                }
            }
        }
        if device.kind == .upsAgent {
            let ups = readings.ups(device)
            rows += [
                VarBind(OID("1.3.6.1.2.1.33.1.2.1.0")!, .integer(Int64(ups.batteryStatus))),
                VarBind(OID("1.3.6.1.2.1.33.1.2.3.0")!, .integer(Int64(ups.minutesRemaining))),
                VarBind(OID("1.3.6.1.2.1.33.1.4.1.0")!, .integer(Int64(ups.outputSource))),
                VarBind(OID("1.3.6.1.2.1.33.1.6.1.0")!, .gauge32(UInt32(ups.alarms))),
            ]
        }
        return MIB(rows: rows.sorted { $0.oid < $1.oid })
    }
}

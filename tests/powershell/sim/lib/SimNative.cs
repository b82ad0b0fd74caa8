// Hot helpers of the simulation, compiled once per process (Add-Type): canonical JSON of the
// state (sorted keys, for exact comparisons) and the call-log formatting of parameter values.
using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace SimHost
{
    public static class SimNative
    {
        public static string CanonicalJson(object value)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                Write(writer, value, 0);
            }
            return Encoding.UTF8.GetString(stream.ToArray());
        }

        private static object Unwrap(object value)
        {
            if (value is PSObject pso && !(pso.BaseObject is PSCustomObject)) return pso.BaseObject;
            return value;
        }

        private static void Write(Utf8JsonWriter w, object value, int depth)
        {
            if (depth > 64) throw new InvalidOperationException("SimHost: state nested too deeply.");
            value = Unwrap(value);
            switch (value)
            {
                case null: w.WriteNullValue(); return;
                case string s: w.WriteStringValue(s); return;
                case bool b: w.WriteBooleanValue(b); return;
                case int i: w.WriteNumberValue(i); return;
                case long l: w.WriteNumberValue(l); return;
                case double d: w.WriteNumberValue(d); return;
                case DateTime dt: w.WriteStringValue(dt.ToString("o", CultureInfo.InvariantCulture)); return;
                case Enum e: w.WriteStringValue(e.ToString()); return;
                case SwitchParameter sp: w.WriteBooleanValue(sp.IsPresent); return;
                case IDictionary dict:
                {
                    w.WriteStartObject();
                    var keys = new List<string>();
                    var map = new Dictionary<string, object>(StringComparer.Ordinal);
                    foreach (DictionaryEntry entry in dict)
                    {
                        var k = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
                        keys.Add(k);
                        map[k] = entry.Value;
                    }
                    keys.Sort(StringComparer.Ordinal);
                    foreach (var k in keys) { w.WritePropertyName(k); Write(w, map[k], depth + 1); }
                    w.WriteEndObject();
                    return;
                }
                case PSObject custom:
                {
                    w.WriteStartObject();
                    var props = custom.Properties.Where(p => p.MemberType == PSMemberTypes.NoteProperty).OrderBy(p => p.Name, StringComparer.Ordinal);
                    foreach (var p in props) { w.WritePropertyName(p.Name); Write(w, p.Value, depth + 1); }
                    w.WriteEndObject();
                    return;
                }
                case IEnumerable list:
                {
                    w.WriteStartArray();
                    foreach (var item in list) Write(w, item, depth + 1);
                    w.WriteEndArray();
                    return;
                }
                default:
                    w.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    return;
            }
        }

        // Deep copy of the state graph: dictionaries, lists and arrays are copied, strings and
        // values shared (immutable); anything else is copied by reference.
        public static object DeepCopy(object value)
        {
            switch (value)
            {
                case null: return null;
                case string _: return value;
                case ValueType _: return value;
                case System.Collections.Specialized.OrderedDictionary od:
                {
                    var copy = new System.Collections.Specialized.OrderedDictionary(od.Count);
                    foreach (DictionaryEntry e in od) copy[e.Key] = DeepCopy(e.Value);
                    return copy;
                }
                case Hashtable h:
                {
                    var copy = new Hashtable(h.Count, StringComparer.OrdinalIgnoreCase);
                    foreach (DictionaryEntry e in h) copy[e.Key] = DeepCopy(e.Value);
                    return copy;
                }
                case List<object> l:
                {
                    var copy = new List<object>(l.Count);
                    foreach (var i in l) copy.Add(DeepCopy(i));
                    return copy;
                }
                case List<string> ls: return new List<string>(ls);
                case string[] sa: return (string[])sa.Clone();
                case object[] a:
                {
                    var copy = new object[a.Length];
                    for (int i = 0; i < a.Length; i++) copy[i] = DeepCopy(a[i]);
                    return copy;
                }
                case PSObject pso when pso.BaseObject is PSCustomObject: return pso;
                case PSObject pso: return DeepCopy(pso.BaseObject);
                default: return value;
            }
        }

        // One pass over a script's syntax tree: the commands it names (name and line), the
        // functions it defines, the .NET types it names (with generic arguments, array element
        // types and New-Object -TypeName), and where it reads the given automatic variables.
        public static Hashtable ScanScript(System.Management.Automation.Language.Ast ast, string[] variables)
        {
            var commands = new List<string>();
            var functions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var types = new List<string>();
            var uses = new List<int[]>();
            var wanted = new HashSet<string>(variables ?? new string[0], StringComparer.OrdinalIgnoreCase);
            foreach (var node in ast.FindAll(_ => true, true))
            {
                switch (node)
                {
                    case System.Management.Automation.Language.FunctionDefinitionAst f:
                        functions.Add(f.Name);
                        break;
                    case System.Management.Automation.Language.CommandAst c:
                    {
                        var name = c.GetCommandName();
                        if (name == null) break;
                        commands.Add(name + "|" + c.Extent.StartLineNumber.ToString(CultureInfo.InvariantCulture));
                        if (string.Equals(name, "New-Object", StringComparison.OrdinalIgnoreCase))
                        {
                            var e = c.CommandElements;
                            for (int i = 1; i < e.Count; i++)
                            {
                                if (e[i] is System.Management.Automation.Language.StringConstantExpressionAst sc &&
                                    (i == 1 || (e[i - 1] is System.Management.Automation.Language.CommandParameterAst p && string.Equals(p.ParameterName, "TypeName", StringComparison.OrdinalIgnoreCase))))
                                    types.Add(sc.Value);
                            }
                        }
                        break;
                    }
                    case System.Management.Automation.Language.TypeExpressionAst te:
                        AddType(types, te.TypeName);
                        break;
                    case System.Management.Automation.Language.TypeConstraintAst tc:
                        AddType(types, tc.TypeName);
                        break;
                    case System.Management.Automation.Language.VariableExpressionAst v:
                        if (wanted.Contains(v.VariablePath.UserPath)) uses.Add(new[] { v.Extent.StartOffset, v.Extent.EndOffset });
                        break;
                }
            }
            var result = new Hashtable(StringComparer.OrdinalIgnoreCase);
            result["Commands"] = commands.ToArray();
            result["Functions"] = functions.ToArray();
            result["Types"] = types.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            uses.Sort((a, b) => b[0].CompareTo(a[0]));
            result["Uses"] = uses.ToArray();
            return result;
        }

        private static void AddType(List<string> types, System.Management.Automation.Language.ITypeName name)
        {
            switch (name)
            {
                case System.Management.Automation.Language.GenericTypeName g:
                    types.Add(g.TypeName.FullName);
                    foreach (var a in g.GenericArguments) AddType(types, a);
                    break;
                case System.Management.Automation.Language.ArrayTypeName a:
                    AddType(types, a.ElementType);
                    break;
                default:
                    types.Add(name.FullName);
                    break;
            }
        }

        private static readonly Dictionary<string, string> SddlAliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["S-1-1-0"] = "WD", ["S-1-3-0"] = "CO", ["S-1-3-1"] = "CG", ["S-1-5-2"] = "NU", ["S-1-5-4"] = "IU", ["S-1-5-11"] = "AU", ["S-1-5-18"] = "SY",
            ["S-1-5-19"] = "LS", ["S-1-5-20"] = "NS", ["S-1-5-32-544"] = "BA", ["S-1-5-32-545"] = "BU", ["S-1-5-32-546"] = "BG", ["S-1-5-32-555"] = "RD",
            ["S-1-5-32-580"] = "RM", ["S-1-5-32-573"] = "ER",
        };

        private static string SddlSid(object sid)
        {
            var s = Convert.ToString(sid, CultureInfo.InvariantCulture) ?? "";
            return SddlAliases.TryGetValue(s, out var alias) ? alias : s;
        }

        private static bool Flag(IDictionary ace, string key) => ace[key] is bool b && b;

        // The SDDL form of a simulated security descriptor (sim/lib/acl.ps1 ConvertTo-SimSddl).
        public static string Sddl(IDictionary sd)
        {
            var sb = new StringBuilder();
            if (sd["Owner"] != null) sb.Append("O:").Append(SddlSid(sd["Owner"]));
            if (sd["Group"] != null) sb.Append("G:").Append(SddlSid(sd["Group"]));
            sb.Append("D:");
            if (Flag(sd, "Protected")) sb.Append('P');
            sb.Append("AI");
            foreach (var o in (IEnumerable)sd["Aces"])
            {
                var ace = (IDictionary)Unwrap(o);
                var flags = (Flag(ace, "OI") ? "OI" : "") + (Flag(ace, "CI") ? "CI" : "") + (Flag(ace, "NP") ? "NP" : "") + (Flag(ace, "IO") ? "IO" : "") + (Flag(ace, "Inherited") ? "ID" : "");
                var mask = Convert.ToInt64(ace["Mask"], CultureInfo.InvariantCulture);
                var rights = mask == 0x1F01FF ? "FA" : mask == 0x10000000 ? "GA" : "0x" + mask.ToString("x", CultureInfo.InvariantCulture);
                var type = string.Equals(Convert.ToString(ace["Type"], CultureInfo.InvariantCulture), "Deny", StringComparison.OrdinalIgnoreCase) ? "D" : "A";
                sb.Append('(').Append(type).Append(';').Append(flags).Append(';').Append(rights).Append(";;;").Append(SddlSid(ace["Sid"])).Append(')');
            }
            return sb.ToString();
        }

        // The file system as the snapshot shows it: per path, type, content, 8.3 order and SDDL.
        public static Hashtable FilesView(IDictionary files)
        {
            var view = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (DictionaryEntry e in files)
            {
                var entry = (IDictionary)Unwrap(e.Value);
                var o = new Hashtable { ["Path"] = entry["Path"], ["Type"] = entry["Type"], ["Content"] = entry["Content"], ["Seq"] = entry["Seq"], ["Sddl"] = Sddl((IDictionary)Unwrap(entry["Acl"])) };
                if (entry.Contains("Meta")) o["Meta"] = entry["Meta"];
                view[e.Key] = o;
            }
            return view;
        }

        // Parameter values as the call log shows them.
        public static string Format(object value, int depth = 0)
        {
            value = Unwrap(value);
            if (value == null) return "$null";
            if (depth > 3) return "...";
            switch (value)
            {
                case string s: return s;
                case SwitchParameter sp: return sp.IsPresent ? "True" : "False";
                case ScriptBlock sb: return "{" + sb.ToString().Trim() + "}";
                case PSCredential c: return "<credential " + c.UserName + ">";
                case IDictionary dict:
                {
                    var parts = new List<string>();
                    foreach (DictionaryEntry e in dict) parts.Add(Convert.ToString(e.Key, CultureInfo.InvariantCulture) + "=" + Format(e.Value, depth + 1));
                    parts.Sort(StringComparer.Ordinal);
                    return "@{" + string.Join("; ", parts) + "}";
                }
                case IEnumerable list:
                {
                    var parts = new List<string>();
                    foreach (var item in list) parts.Add(Format(item, depth + 1));
                    return "@(" + string.Join(", ", parts) + ")";
                }
                case PSObject pso:
                {
                    var thumb = pso.Properties["Thumbprint"];
                    if (thumb != null) return "<certificate " + thumb.Value + ">";
                    var name = pso.Properties["Name"];
                    if (name != null) return Convert.ToString(name.Value, CultureInfo.InvariantCulture) ?? "";
                    return pso.ToString();
                }
                default:
                    var type = value.GetType();
                    var tp = type.GetProperty("Thumbprint");
                    if (tp != null && type.Name == "SimCertificate") return "<certificate " + tp.GetValue(value) + ">";
                    return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            }
        }

        public static System.Collections.Specialized.OrderedDictionary FormatBound(IDictionary bound)
        {
            var result = new System.Collections.Specialized.OrderedDictionary();
            if (bound == null) return result;
            var keys = new List<string>();
            foreach (DictionaryEntry e in bound) keys.Add(Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "");
            keys.Sort(StringComparer.Ordinal);
            foreach (var k in keys) result[k] = Format(bound[k]);
            return result;
        }
    }
}

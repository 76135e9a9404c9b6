"""Facts about the template model that rules, graph export and cost read.

`cidr` parses address prefixes, `nsg` models network security group rules and evaluates them
in priority order, `network` indexes VNets, subnets, NICs, public IPs and load balancers,
`reachability` computes the Internet exposure of VM ports. This package sits below `rules/`:
it reads values through the small `ValueReader` protocol (which `RuleContext` satisfies) and
never imports the analysis engine."""

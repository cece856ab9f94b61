v=$(signlog --version) && printf '%s\n' "$v" | sed -E 's/ \(inflate: (ISA-L [0-9]+(\.[0-9]+)*|ISA-L|zlib [0-9]+(\.[0-9]+)*[a-z0-9.-]*)\)$/ (inflate: NAME VERSION)/'

// Annex B: a block function still gets its global var binding when an unrelated block declares the same name with const
{ function c() { return "block function"; } }
print("typeof c", typeof c);
try { const c = 0; print("inner const", c); } catch (a) {}
print("c()", c());
